package procos.das.validation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;

/**
 * Just enough English grammar to judge element names: does a name start with a verb ("Check
 * invoice") and does it describe a state ("Invoice checked")? Apache OpenNLP's English POS tagger
 * decides, helped by a lexicon of verbs common in business processes: taggers read a two-word label
 * without a subject poorly ("Scan sources" comes out as adjective + noun), so the lexicon is asked
 * first and the tagger sees the name after a subject and modal ("I must scan sources"), which makes
 * it read the first word as a verb when it can be one.
 */
final class EnglishGrammar {

    private static final Set<String> VERBS = Set.of(
            "accept", "acknowledge", "add", "adjust", "aggregate", "allocate", "analyse", "analyze", "answer", "apply",
            "approve", "archive", "arrange", "assess", "assign", "attach", "audit", "authorize", "authorise", "await",
            "book", "build", "calculate", "call", "cancel", "capture", "categorize", "charge", "check", "choose",
            "chunk", "classify", "clean", "clear", "close", "collect", "compact", "compare", "compile", "complete",
            "compose", "compute", "configure", "confirm", "connect", "consolidate", "contact", "convert", "copy",
            "correct", "create", "debit", "decide", "decline", "define", "delete", "deliver", "deploy", "detect",
            "determine", "discard", "dispatch", "distribute", "document", "download", "draft", "edit", "embed",
            "enrich", "ensure", "enter", "escalate", "estimate", "evaluate", "execute", "export", "extract", "fetch",
            "file", "fill", "filter", "finalize", "finalise", "find", "finish", "fix", "forward", "fulfil", "fulfill",
            "gather", "generate", "get", "grant", "handle", "identify", "import", "index", "inform", "ingest",
            "initiate", "inspect", "install", "invite", "invoice", "issue", "load", "locate", "lock", "log", "look",
            "mail", "maintain", "make", "manage", "map", "mark", "match", "measure", "merge", "migrate", "monitor",
            "normalize", "normalise", "notify", "obtain", "open", "order", "organize", "pack", "parse", "pay",
            "perform", "pick", "place", "plan", "post", "predict", "prepare", "present", "print", "prioritize",
            "process", "produce", "provide", "publish", "purchase", "query", "rank", "rate", "read", "reassign",
            "receive", "reconcile", "record", "refund", "register", "reject", "release", "remind", "remove", "render",
            "renew", "repair", "replace", "reply", "report", "request", "reserve", "reset", "resolve", "respond",
            "restart", "restore", "retrieve", "retry", "return", "review", "revise", "revoke", "route", "run", "save",
            "scan", "schedule", "score", "search", "select", "sell", "send", "set", "settle", "share", "ship", "sign",
            "sort", "split", "start", "stop", "store", "submit", "summarize", "summarise", "suspend", "sync",
            "synchronize", "tag", "test", "track", "train", "transfer", "transform", "translate", "transmit",
            "trigger", "unlock", "update", "upload", "validate", "verify", "wait", "write");

    /** Past participles that do not end in -ed, for names such as "Payment received" or "Order sent". */
    private static final Set<String> IRREGULAR_PARTICIPLES = Set.of(
            "begun", "bought", "brought", "built", "caught", "chosen", "done", "drawn", "found", "frozen", "given",
            "gone", "got", "gotten", "held", "kept", "known", "laid", "left", "lost", "made", "met", "paid", "read",
            "ready", "run", "seen", "sent", "set", "shown", "sold", "spent", "split", "taken", "told", "thought",
            "understood", "won", "written", "over", "due", "complete", "available", "open", "closed", "valid", "invalid");

    private static final String ROLE = "I must";
    private static final int ROLE_WORDS = 2;

    private static final Queue<POSTaggerME> TAGGERS = new ConcurrentLinkedQueue<>();
    private static volatile Optional<POSModel> model;

    private EnglishGrammar() {
    }

    /** True when the first word of {@code name} reads as a verb in the imperative. */
    static boolean startsWithVerb(String name) {
        String[] words = words(name);
        if (words.length == 0) {
            return false;
        }
        if (VERBS.contains(words[0])) {
            return true;
        }
        String[] tags = tag(prefixed(words));
        return tags.length > ROLE_WORDS && tags[ROLE_WORDS].startsWith("VB");
    }

    /** True when {@code name} describes a state: it holds a past participle or an adjective. */
    static boolean describesState(String name) {
        String[] words = words(name);
        for (String word : words) {
            if ((word.length() > 3 && word.endsWith("ed")) || IRREGULAR_PARTICIPLES.contains(word)) {
                return true;
            }
        }
        for (String tag : tag(words)) {
            if (tag.equals("VBN") || tag.equals("VBD") || tag.startsWith("JJ")) {
                return true;
            }
        }
        return false;
    }

    static String[] words(String name) {
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}'\\- ]", " ").strip();
        return cleaned.isEmpty() ? new String[0] : cleaned.split("\\s+");
    }

    private static String[] prefixed(String[] words) {
        String[] role = ROLE.split(" ");
        String[] sentence = new String[role.length + words.length];
        System.arraycopy(role, 0, sentence, 0, role.length);
        System.arraycopy(words, 0, sentence, role.length, words.length);
        return sentence;
    }

    /**
     * The Penn Treebank tags of {@code words}, or none when the model cannot be loaded: naming rules
     * are advice, so they then fall back to the lexicon rather than fail validation. Taggers keep
     * per-sentence state, so each caller borrows one from a pool; the model they read is shared.
     */
    private static String[] tag(String[] words) {
        Optional<POSModel> loaded = model();
        if (loaded.isEmpty() || words.length == 0) {
            return new String[0];
        }
        POSTaggerME tagger = TAGGERS.poll();
        if (tagger == null) {
            tagger = new POSTaggerME(loaded.get(), POSTagFormat.PENN);
        }
        try {
            return tagger.tag(words);
        } finally {
            TAGGERS.offer(tagger);
        }
    }

    private static Optional<POSModel> model() {
        Optional<POSModel> loaded = model;
        if (loaded == null) {
            synchronized (EnglishGrammar.class) {
                loaded = model;
                if (loaded == null) {
                    loaded = load();
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    /**
     * The English POS model of opennlp-models-pos-en, found through the {@code model.properties} its
     * jar carries (every OpenNLP model jar has one at its root, so the POS one is picked by name).
     */
    private static Optional<POSModel> load() {
        ClassLoader loader = EnglishGrammar.class.getClassLoader();
        try {
            for (URL properties : Collections.list(loader.getResources("model.properties"))) {
                Properties described = new Properties();
                try (InputStream in = properties.openStream()) {
                    described.load(in);
                }
                String file = described.getProperty("model.name", "");
                if (file.contains("-pos-") && "en".equals(described.getProperty("model.language"))) {
                    try (InputStream in = loader.getResourceAsStream(file)) {
                        if (in != null) {
                            return Optional.of(new POSModel(in));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
