package dev.webcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layout's rules, read from the library's imports: no package cycles, and what may not see servlets. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.webcache(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);
    /** Each source file by name (relative to the source root) and its text. */
    private static final Map<String, String> FILES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                FILES.put(SOURCES.relativize(path).toString().replace('\\', '/'), Files.readString(path));
            }
        }
        assertTrue(FILES.size() > 100, "the library's sources were found: " + FILES.size());
    }

    @Test
    void noTwoPackagesDependOnEachOtherEvenThroughOthers() {
        Map<String, Set<String>> uses = new TreeMap<>();
        FILES.forEach((file, text) -> {
            String from = packageOf(file);
            Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
            Matcher imported = IMPORT.matcher(text);
            while (imported.find()) {
                if (!imported.group(1).equals(from)) {
                    targets.add(imported.group(1));
                }
            }
        });
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>());
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertEquals(List.of(), cycles);
        assertTrue(uses.get("dev.webcache.page.engine").contains("dev.webcache.page"), "the check sees imports");
    }

    @Test
    void theDecisionsTheStoreAndTheCoreImportNothingOfServlets() {
        List<String> servletFree = List.of("dev/webcache/page/engine/StorePolicy.java",
                "dev/webcache/page/engine/ServePolicy.java", "dev/webcache/page/engine/RequestFacts.java",
                "dev/webcache/page/engine/ResponseFacts.java", "dev/webcache/page/engine/RequestIdentity.java",
                "dev/webcache/page/store/", "dev/webcache/http/", "dev/webcache/memo/", "dev/webcache/tokens/",
                "dev/webcache/cache/");
        List<String> offenders = new ArrayList<>();
        FILES.forEach((file, text) -> {
            boolean mustBeFree = servletFree.stream().anyMatch(file::startsWith)
                    && !file.equals("dev/webcache/cache/Caches.java");
            if (mustBeFree && text.contains("import jakarta.servlet")) {
                offenders.add(file);
            }
        });
        assertEquals(List.of(), offenders, "only Caches.from(ServletContext) may reach a servlet from the core");
        assertTrue(FILES.get("dev/webcache/cache/Caches.java").contains("import jakarta.servlet.ServletContext;"));
    }

    private static String packageOf(String file) {
        return file.substring(0, file.lastIndexOf('/')).replace('/', '.');
    }

    /** A path of package uses from {@code at} back to {@code start}, or {@code null}. */
    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                          Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, uses, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }
}
