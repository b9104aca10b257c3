package io.tocsin.local.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The one service skeleton (docs/architecture.md), as rules every service's {@code ArchitectureTest} checks on its
 * own main classes: {@code io.tocsin.<service>.<feature>.<layer>}, features without cycles, and layers that only
 * look down (rest → service → repository → model).
 */
public final class SkeletonRules {

    /** The layers a feature may have; nothing lives in a feature's root or the service's root. */
    public static final List<String> LAYERS = List.of("rest", "service", "repository", "messaging", "model", "config");

    private SkeletonRules() {
    }

    /** The service's main classes (tests and generated Quarkus classes excluded). */
    public static JavaClasses mainClasses(String servicePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(servicePackage);
    }

    /** Every class sits in {@code <servicePackage>.<feature>.<layer>} (or below it). */
    public static ArchRule layout(String servicePackage) {
        String[] allowed = LAYERS.stream().map(layer -> servicePackage + ".*." + layer + "..").toArray(String[]::new);
        return classes().should().resideInAnyPackage(allowed)
                .as("every class of " + servicePackage + " sits in <feature>.{" + String.join(",", LAYERS) + "}");
    }

    /** Features may use each other in one direction only. */
    public static ArchRule noCyclesBetweenFeatures(String servicePackage) {
        return slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles()
                .as("features of " + servicePackage + " are free of cycles");
    }

    /** A repository never calls up into a service. */
    public static ArchRule repositoriesDoNotUseServices(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + ".*.repository..")
                .should().dependOnClassesThat().resideInAPackage(servicePackage + ".*.service..")
                .as("repositories do not use services");
    }

    /** A resource goes through a service, never straight to a repository. */
    public static ArchRule resourcesDoNotUseRepositories(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + ".*.rest..")
                .should().dependOnClassesThat().resideInAPackage(servicePackage + ".*.repository..")
                .as("resources do not use repositories");
    }

    /** Services speak the domain; HTTP statuses and responses are the resources' business. */
    public static ArchRule servicesDoNotUseJaxRs(String servicePackage) {
        return noClasses().that().resideInAnyPackage(servicePackage + ".*.service..", servicePackage + ".*.repository..",
                        servicePackage + ".*.model..", servicePackage + ".*.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .as("only resources use JAX-RS types");
    }

    /** All rules, for a service's ArchitectureTest to check in one go. */
    public static void check(String servicePackage) {
        JavaClasses classes = mainClasses(servicePackage);
        List<ArchRule> rules = List.of(layout(servicePackage), noCyclesBetweenFeatures(servicePackage),
                repositoriesDoNotUseServices(servicePackage), resourcesDoNotUseRepositories(servicePackage),
                servicesDoNotUseJaxRs(servicePackage));
        StringBuilder failures = new StringBuilder();
        for (ArchRule rule : rules) {
            try {
                rule.check(classes);
            } catch (AssertionError e) {
                failures.append(e.getMessage()).append("\n\n");
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.toString());
        }
    }
}
