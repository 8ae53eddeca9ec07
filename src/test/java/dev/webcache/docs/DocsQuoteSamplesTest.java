package dev.webcache.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of README.md and docs/*.md is code that compiles: line for line (indentation aside) a region of
 * the test sources marked {@code // doc:<name>} ... {@code // end:<name>}, which the build compiles and
 * {@link DocSamplesTest} runs; every JSP block is a region of a JSP of the {@code docs} test application, marked
 * {@code <%-- doc:<name> --%>}, which {@link DocSamplesTest} renders; and every sample is quoted somewhere. Every
 * link between the documents leads to a file and a heading that exist.
 */
class DocsQuoteSamplesTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern JSP_BLOCK = Pattern.compile("(?m)^```jsp\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.*)$");
    private static final Pattern JAVA_REGION = Pattern.compile(
            "(?m)^[ \\t]*// doc:([\\w-]+)\\n(.*?)^[ \\t]*// end:\\1$", Pattern.DOTALL);
    private static final Pattern JSP_REGION = Pattern.compile(
            "(?m)^<%-- doc:([\\w-]+) --%>\\n(.*?)^<%-- end:\\1 --%>$", Pattern.DOTALL);

    @Test
    void everyJavaBlockInTheDocumentationIsACompiledSample() throws IOException {
        Map<String, String> regions = regions(Path.of("src/test/java"), ".java", JAVA_REGION);
        assertTrue(regions.size() >= 12, "samples found: " + regions.keySet());
        assertEquals(List.of(), blocksNotIn(JAVA_BLOCK, regions, "compiled samples"));
    }

    @Test
    void everyJspBlockInTheDocumentationIsARenderedSample() throws IOException {
        Map<String, String> regions = regions(Path.of("src/test/webapps/docs"), ".jsp", JSP_REGION);
        assertTrue(regions.size() >= 3, "samples found: " + regions.keySet());
        assertEquals(List.of(), blocksNotIn(JSP_BLOCK, regions, "rendered samples"));
    }

    /** The blocks of the documents that are no region, each as its file and first line. */
    private static List<String> blocksNotIn(Pattern blocks, Map<String, String> regions, String what)
            throws IOException {
        List<String> unknown = new ArrayList<>();
        Set<String> quoted = new HashSet<>();
        for (Path document : documents()) {
            Matcher block = blocks.matcher(Files.readString(document));
            while (block.find()) {
                String code = normalized(block.group(1));
                if (regions.containsValue(code)) {
                    quoted.add(code);
                } else {
                    unknown.add(document + " (not one of the " + what + "): " + code.lines().findFirst().orElse(""));
                }
            }
        }
        regions.forEach((name, code) -> {
            if (!quoted.contains(code)) {
                unknown.add("sample '" + name + "' is quoted nowhere");
            }
        });
        return unknown;
    }

    @Test
    void everyLinkBetweenTheDocumentsResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? document : document.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(document + ": " + target);
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(document + ": " + target + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** The anchors GitHub gives the headings of a Markdown file. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        Matcher heading = HEADING.matcher(Files.readString(markdown));
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT).replace("`", "")
                    .replaceAll("[^\\w\\- ]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static Map<String, String> regions(Path sources, String suffix, Pattern region) throws IOException {
        Map<String, String> regions = new HashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(path -> path.toString().endsWith(suffix)).forEach(file -> {
                try {
                    Matcher found = region.matcher(Files.readString(file));
                    while (found.find()) {
                        regions.put(found.group(1), normalized(found.group(2)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return regions;
    }

    /** The lines without their common indentation and trailing blanks. */
    private static String normalized(String code) {
        List<String> lines = code.stripTrailing().lines().map(String::stripTrailing).toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }
}
