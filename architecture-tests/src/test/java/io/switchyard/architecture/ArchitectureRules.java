package io.switchyard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Set;

/**
 * The module layering of DESIGN.md as executable rules: dependencies point inward only, no adapter
 * depends on another, library types stay in the adapters that own them, and the domain neither
 * reads the clock nor touches I/O conveniences that would make it untestable.
 */
@AnalyzeClasses(packages = "io.switchyard", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureRules {

    private static final String DOMAIN = "io.switchyard.domain..";
    private static final String PORTS = "io.switchyard.ports..";
    private static final String K8S = "io.switchyard.adapters.k8s..";
    private static final String HTTP = "io.switchyard.adapters.http..";
    private static final String SERVER = "io.switchyard.server..";

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringAllDependencies()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Ports").definedBy(PORTS)
            .layer("AdaptersK8s").definedBy(K8S)
            .layer("AdaptersHttp").definedBy(HTTP)
            .layer("Server").definedBy(SERVER)
            .whereLayer("Server").mayNotBeAccessedByAnyLayer()
            .whereLayer("AdaptersK8s").mayOnlyBeAccessedByLayers("Server")
            .whereLayer("AdaptersHttp").mayOnlyBeAccessedByLayers("Server")
            .whereLayer("Ports").mayOnlyBeAccessedByLayers("AdaptersK8s", "AdaptersHttp", "Server")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Ports", "AdaptersK8s", "AdaptersHttp", "Server");

    @ArchTest
    static final ArchRule domainUsesOnlyTheJdk = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("the domain library is reused by other tools and must need nothing but the JDK");

    @ArchTest
    static final ArchRule portsUseOnlyDomainAndJdk = classes().that().resideInAPackage(PORTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PORTS, DOMAIN, "java..");

    @ArchTest
    static final ArchRule helidonOnlyInHttpAdapterAndServer = noClasses()
            .that().resideOutsideOfPackages(HTTP, SERVER)
            .should().dependOnClassesThat().resideInAPackage("io.helidon..");

    @ArchTest
    static final ArchRule kubernetesClientOnlyInK8sAdapter = noClasses()
            .that().resideOutsideOfPackage(K8S)
            .should().dependOnClassesThat().resideInAnyPackage("io.kubernetes.client..", "okhttp3..");

    @ArchTest
    static final ArchRule domainPackagesAreFreeOfCycles = slices().matching("io.switchyard.domain.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule portsPackagesAreFreeOfCycles = slices().matching("io.switchyard.ports.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainNeverReadsTheClock = noClasses().that().resideInAPackage(DOMAIN)
            .should(readTheClock())
            .because("time is injected (InstantSource or explicit nanos) so balancers and health logic "
                    + "are deterministic under test");

    @ArchTest
    static final ArchRule noStandardStreamsOutsideTheCommandLine = noClasses()
            .that().resideOutsideOfPackage("io.switchyard.server.cli..")
            .and().doNotHaveFullyQualifiedName("io.switchyard.server.Main")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS);

    @ArchTest
    static final ArchRule noGenericExceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule noJavaUtilLoggingInOurCode = noClasses().that().resideOutsideOfPackage("io.switchyard.server")
            .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .because("Switchyard logs through System.Logger; only the server's logging set-up touches JUL");

    private static ArchCondition<JavaClass> readTheClock() {
        Set<String> clockMethods = Set.of(
                "java.lang.System.currentTimeMillis", "java.lang.System.nanoTime",
                "java.time.Instant.now", "java.time.LocalDateTime.now", "java.time.LocalDate.now",
                "java.time.ZonedDateTime.now", "java.time.OffsetDateTime.now", "java.time.LocalTime.now",
                "java.time.Clock.systemUTC", "java.time.Clock.systemDefaultZone",
                "java.time.InstantSource.system");
        return new ArchCondition<>("read the system clock") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaMethodCall call : item.getMethodCallsFromSelf()) {
                    String target = call.getTargetOwner().getFullName() + "." + call.getName();
                    if (clockMethods.contains(target)) {
                        events.add(SimpleConditionEvent.satisfied(call, call.getDescription()));
                    }
                }
            }
        };
    }
}
