package procos.das.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.eclipse.microprofile.config.Config;
import procos.das.generation.GenerationSettings;
import procos.das.generation.compile.DescriptionCompiler;
import procos.das.generation.context.ContextAssembler;
import procos.das.generation.context.ContextSettings;
import procos.das.generation.context.PatternLibrary;
import procos.das.generation.context.RepositoryDeployedProcesses;
import procos.das.generation.drafting.deterministic.DeterministicDrafter;
import procos.das.generation.drafting.llm.LlmDrafter;
import procos.das.generation.governance.AuditLog;
import procos.das.generation.governance.GenerationPolicy;
import procos.das.generation.governance.GovernanceSettings;
import procos.das.generation.governance.ProcessVersions;
import procos.das.generation.intent.IntentNormalizer;
import procos.das.generation.pipeline.ApprovalLookup;
import procos.das.generation.pipeline.DraftRound;
import procos.das.generation.pipeline.DrafterChoice;
import procos.das.generation.pipeline.GenerationSteps;
import procos.das.generation.pipeline.ReservedKeys;
import procos.das.generation.store.GenerationStore;
import procos.das.rag.LanguageModel;
import procos.das.rag.PdeLanguageModel;
import procos.das.validation.BpmnValidator;
import procos.das.validation.ValidationSettings;
import procos.kernel.Kernel;
import procos.kernel.config.InvalidSettingsException;

/**
 * The server's process generation: its settings, record store, audit log, policy and the steps
 * {@code process_generation} runs. Built on first use (the NLP models take a moment to load) from
 * MicroProfile Config; settings that are wrong fail that first use with every problem named.
 */
@ApplicationScoped
public class ProcessGeneration {

    @Inject
    Config config;

    @Inject
    Kernel kernel;

    @Inject
    KnowledgeBase knowledge;

    private volatile Built built;

    private record Built(GenerationSettings settings, GenerationStore store, AuditLog audit, GenerationPolicy policy,
                         ProcessVersions versions, GenerationSteps steps, ApprovalLookup approvals,
                         IntentNormalizer normalizer, ReservedKeys reservedKeys) {
    }

    public IntentNormalizer normalizer() {
        return build().normalizer();
    }

    /** Why a generated process may not take {@code key}, if it may not. */
    public Optional<String> reservedKeyProblem(String key) {
        return build().reservedKeys().problem(key);
    }

    public GenerationStore store() {
        return build().store();
    }

    public AuditLog audit() {
        return build().audit();
    }

    public ProcessVersions versions() {
        return build().versions();
    }

    public GenerationSteps steps() {
        return build().steps();
    }

    public ApprovalLookup approvals() {
        return build().approvals();
    }

    public GenerationSettings settings() {
        return build().settings();
    }

    public ProcessEngine engine() {
        return kernel.engine().orElseThrow(() -> new IllegalStateException("the process engine is not running")).engine();
    }

    private Built build() {
        Built current = built;
        if (current == null) {
            synchronized (this) {
                if (built == null) {
                    built = create();
                }
                current = built;
            }
        }
        return current;
    }

    private Built create() {
        Function<String, Optional<String>> lookup = key -> config.getOptionalValue(key, String.class);
        GenerationSettings settings;
        GovernanceSettings governance;
        GenerationPolicy policy;
        ContextSettings contextSettings;
        try {
            settings = GenerationSettings.from(lookup);
            governance = GovernanceSettings.from(lookup);
            policy = new GenerationPolicy(governance, this::endpointsServing);
            contextSettings = ContextSettings.from(lookup);
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException("process generation settings are invalid: " + e.getMessage(), e);
        }
        ProcessEngine engine = engine();
        Clock clock = Clock.systemUTC();
        GenerationStore store = new GenerationStore(settings.dataDir().resolve("requests"), clock);
        AuditLog audit;
        try {
            audit = AuditLog.open(settings.dataDir().resolve("audit.jsonl"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the generation audit log cannot be opened: " + e.getMessage(), e);
        }
        ProcessVersions versions = new ProcessVersions(engine, governance.versionsKept());
        LanguageModel model = languageModel();
        DrafterChoice drafters = new DrafterChoice(settings.drafter(), model, new DeterministicDrafter(), new LlmDrafter(model));
        ContextAssembler context = new ContextAssembler(PatternLibrary.builtIn(), knowledge.embedder(),
                new RepositoryDeployedProcesses(engine.getRepositoryService()), question -> knowledge.rag().retrieve(question),
                contextSettings);
        IntentNormalizer normalizer = new IntentNormalizer();
        ReservedKeys reservedKeys = new ReservedKeys(engine.getRepositoryService());
        DraftRound rounds = new DraftRound(drafters, new DescriptionCompiler(), new BpmnValidator(ValidationSettings.from(lookup)));
        GenerationSteps steps = new GenerationSteps(store, normalizer, context, rounds, policy, versions, audit, reservedKeys,
                versions::nextVersion, settings.maxAttempts(), clock);
        return new Built(settings, store, audit, policy, versions, steps, new ApprovalLookup(engine.getHistoryService(), clock),
                normalizer, reservedKeys);
    }

    private java.util.List<String> endpointsServing(String taskType) {
        return kernel.pdes().map(pdes -> pdes.endpoints().capableOf(taskType).stream().map(e -> e.id()).toList())
                .orElse(java.util.List.of());
    }

    private LanguageModel languageModel() {
        return kernel.pdes().<LanguageModel>map(pdes -> new PdeLanguageModel(pdes.endpoints(), pdes.pipeline()))
                .orElse(LanguageModel.NONE);
    }
}
