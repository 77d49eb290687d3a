/**
 * The router rule language (Traefik v3, spec rules.md §5): {@link io.switchyard.domain.rule.Rule}
 * parses and compiles a rule once ({@link io.switchyard.domain.rule.RuleSyntaxException} when it is
 * invalid), {@link io.switchyard.domain.rule.RouteTable} selects the highest-priority matching
 * router without evaluating every rule, {@link io.switchyard.domain.rule.Priorities} derives
 * default priorities, and {@link io.switchyard.domain.rule.RequestPaths} turns a request's host
 * and path into what the matchers see ({@link io.switchyard.domain.rule.RequestFacts}).
 *
 * <p>Regular expressions use RE2 syntax, translated to {@code java.util.regex}; docs/rules.md lists
 * the few deliberate differences from Traefik.
 */
package io.switchyard.domain.rule;
