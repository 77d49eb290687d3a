package io.switchyard.adapters.k8s.manifest;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a plain tree (maps, lists, strings, numbers, booleans, nulls) into the YAML node tree the
 * mapping reads, tagging scalars as YAML's resolver would have: so JSON from an API server and YAML
 * from a file go through one mapping. The nodes carry no position, so errors name no line.
 */
final class TreeNodes {
    private TreeNodes() {
    }

    static Node node(Object value, String source) {
        return switch (value) {
            case null -> scalar(Tag.NULL, "null");
            case String s -> scalar(Tag.STR, s);
            case Boolean b -> scalar(Tag.BOOL, b.toString());
            case Long l -> scalar(Tag.INT, l.toString());
            case Integer i -> scalar(Tag.INT, i.toString());
            case Short s -> scalar(Tag.INT, s.toString());
            case BigInteger b -> scalar(Tag.INT, b.toString());
            case Number n -> scalar(Tag.FLOAT, n.toString());
            case Map<?, ?> map -> {
                List<NodeTuple> tuples = new ArrayList<>(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new ManifestException(source, 0, "expected text keys, got " + e.getKey());
                    }
                    tuples.add(new NodeTuple(scalar(Tag.STR, key), node(e.getValue(), source)));
                }
                yield new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
            }
            case List<?> list -> {
                List<Node> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(node(item, source));
                }
                yield new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK);
            }
            default -> throw new ManifestException(source, 0,
                    "unsupported value of type " + value.getClass().getName());
        };
    }

    private static ScalarNode scalar(Tag tag, String text) {
        return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
    }
}
