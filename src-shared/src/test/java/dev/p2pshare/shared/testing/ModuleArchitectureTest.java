package dev.p2pshare.shared.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module and package rules of STYLE.md, checked on one module's main classes: each module's
 * {@code ArchitectureTest} extends this with its root package and adds the rules only it has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ModuleArchitectureTest {
    private static final String SHARED = "dev.p2pshare.shared";
    private static final List<String> MODULES = List.of(SHARED, "dev.p2pshare.tracker", "dev.p2pshare.agent", "dev.p2pshare.cli");

    protected final String rootPackage;
    protected final JavaClasses classes;

    protected ModuleArchitectureTest(String rootPackage) {
        this.rootPackage = rootPackage;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        // a module of one package (the CLI) has no feature packages, and so no cycles
        packageCycles().allowEmptyShould(true).check(classes);
    }

    @Test
    void dependsOnNoOtherModuleThanShared() {
        String[] others = MODULES.stream()
                .filter(module -> !module.equals(rootPackage) && !module.equals(SHARED))
                .map(module -> module + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("tracker, agent and CLI meet only over HTTP; what they share lives in src-shared (STYLE.md)")
                .check(classes);
    }

    @Test
    void injectsThroughConstructorsOnly() {
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
    }

    @Test
    void writesNoStandardStreamsDirectly() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
                .because("services log through SLF4J and the CLI prints through picocli's writers, which tests capture")
                .check(classes);
    }

    /** No feature package ({@code root.x..}) uses one that uses it back: a cycle means they are one feature, or need an event. */
    protected SliceRule packageCycles() {
        return slices().matching(rootPackage + ".(*)..").namingSlices("$1").should().beFreeOfCycles();
    }

    /** That the module's classes use nothing in {@code packages} (such as {@code org.springframework..}). */
    protected ArchRule usesNothingFrom(String because, String... packages) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .because(because);
    }
}
