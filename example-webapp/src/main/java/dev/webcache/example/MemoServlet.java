package dev.webcache.example;

import dev.webcache.cache.Caches;
import dev.webcache.memo.MemoOptions;
import dev.webcache.memo.Memoizer;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Shows memoization: a large report computed once and stored as compressed chunks (with a lock, so concurrent
 * visitors do not all compute it), and a list of primes memoized item by item as it is produced.
 */
@WebServlet("/memo")
public class MemoServlet extends HttpServlet {
    private static final MemoOptions REPORT = MemoOptions.defaults().largeData(true)
            .expiration(Duration.ofMinutes(10)).lock(Duration.ofSeconds(5), Duration.ofSeconds(30));

    private final AtomicInteger computations = new AtomicInteger();
    private Memoizer memo;

    @Override
    public void init() {
        // the context path keeps the keys of two applications apart on a shared cache
        memo = Memoizer.of(Caches.from(getServletContext()).getDefault(), getServletContext().getContextPath());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean refresh = request.getParameter("refresh") != null;
        List<String> report = memo.memoize("example:report", this::buildReport, REPORT.forceOverwrite(refresh));
        List<Integer> primes = new ArrayList<>();
        memo.memoizeIter("example:primes", MemoServlet::primes, MemoOptions.defaults()).forEachRemaining(primes::add);

        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Memoization</title></head><body>");
        out.println("<h1>Memoization</h1>");
        out.println("<p id=\"computed\">Report computed at " + report.get(0) + " (" + (report.size() - 1)
                + " rows, stored under <code>" + memo.makeCacheKey("example:report") + "</code>)</p>");
        out.println("<p id=\"computations\">Computations in this JVM: " + computations.get() + "</p>");
        out.println("<p id=\"primes\">" + primes.size() + " primes below 10000 (memoizeIter), the last "
                + primes.get(primes.size() - 1) + "</p>");
        out.println("<p><a href=\"?refresh=1\">Recompute the report</a> (forceOverwrite)</p>");
        out.println("<p><a href=\"" + request.getContextPath() + "/\">Back</a></p></body></html>");
    }

    private List<String> buildReport() {
        computations.incrementAndGet();
        List<String> lines = new ArrayList<>();
        lines.add(Instant.now().toString());
        IntStream.range(0, 50_000).mapToObj(i -> "row " + i + ": " + (i * 7919 % 10007)).forEach(lines::add);
        return lines;
    }

    private static Iterator<Integer> primes() {
        return IntStream.range(2, 10_000).filter(n -> IntStream.rangeClosed(2, (int) Math.sqrt(n))
                .noneMatch(d -> n % d == 0)).boxed().iterator();
    }
}
