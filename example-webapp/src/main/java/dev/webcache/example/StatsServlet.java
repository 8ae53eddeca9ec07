package dev.webcache.example;

import dev.webcache.annotation.NeverCache;
import dev.webcache.cache.Cache;
import dev.webcache.cache.CacheStatistics;
import dev.webcache.cache.Caches;
import dev.webcache.page.PageCacheMXBean;
import dev.webcache.page.Refusal;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * An operations page: each page-cache configuration of this application (a filter or a {@code @CachePage}
 * servlet) with its counters, read from its MBean, and each cache alias with its statistics; the page reloads
 * itself every 5 seconds and is never cached.
 */
@WebServlet("/stats")
@NeverCache
public class StatsServlet extends HttpServlet {
    /** Seconds between reloads. */
    static final int REFRESH_SECONDS = 5;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\"><title>webcache statistics</title>"
                + "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}"
                + "td{text-align:right}td:first-child{text-align:left}</style></head><body>");
        out.println("<h1>webcache statistics</h1>");
        out.println("<h2>Page caches</h2>");
        out.println("<table id=\"page-caches\"><tr><th>Filter or servlet</th><th>Hits</th><th>304</th><th>Misses</th>"
                + "<th>Stale</th><th>Bypasses</th><th>Coalesced waits</th><th>Stores</th><th>Bytes stored</th>"
                + "<th>Refusals</th></tr>");
        for (ObjectName name : pageCaches(request.getContextPath())) {
            PageCacheMXBean mbean = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), name,
                    PageCacheMXBean.class);
            String configuration = ObjectName.unquote(name.getKeyProperty("name"));
            out.println("<tr data-name=\"" + html(configuration) + "\"><td>" + html(configuration) + "</td>"
                    + cell("hits", mbean.getHits()) + cell("not-modified", mbean.getNotModified())
                    + cell("misses", mbean.getMisses()) + cell("stale", mbean.getStaleServed())
                    + cell("bypasses", mbean.getBypasses()) + cell("coalesced-waits", mbean.getCoalescedWaits())
                    + cell("stores", mbean.getStores()) + cell("bytes-stored", mbean.getBytesStored())
                    + "<td class=\"refusals\">" + html(refusals(mbean.getRefusals())) + "</td></tr>");
        }
        out.println("</table>");

        out.println("<h2>Caches</h2>");
        out.println("<table id=\"caches\"><tr><th>Alias</th><th>Backend</th><th>Entries</th><th>Bytes</th>"
                + "<th>Gets</th><th>Hits</th><th>Misses</th><th>Puts</th><th>Memo computations</th></tr>");
        Caches caches = Caches.from(getServletContext());
        for (String alias : caches.aliases()) {
            Cache cache = caches.get(alias);
            CacheStatistics statistics = cache.statistics();
            out.println("<tr data-alias=\"" + html(alias) + "\"><td>" + html(alias) + "</td><td>"
                    + html(cache.settings().backend()) + "</td>" + cell("entries", statistics.entries())
                    + cell("bytes", statistics.bytes()) + cell("gets", statistics.gets())
                    + cell("hits", statistics.hits()) + cell("misses", statistics.misses())
                    + cell("puts", statistics.puts()) + cell("memo-computations", statistics.memoComputations())
                    + "</tr>");
        }
        out.println("</table>");
        out.println("<p>Reloads every " + REFRESH_SECONDS + " seconds. The same figures over JMX: MBeans"
                + " <code>dev.webcache:type=PageCache,*</code>; for Micrometer: <code>WebcacheMetrics</code>.</p>");
        out.println("<p><a href=\"" + request.getContextPath() + "/\">Back</a></p></body></html>");
    }

    /** The MBeans of this application's page-cache configurations, by name. */
    private static List<ObjectName> pageCaches(String contextPath) throws ServletException {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName pattern = new ObjectName("dev.webcache:type=PageCache,context="
                    + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath) + ",*");
            return jmx.queryNames(pattern, null).stream()
                    .sorted(Comparator.comparing(ObjectName::getCanonicalName)).toList();
        } catch (JMException e) {
            throw new ServletException(e);
        }
    }

    /** The reasons counted so far, e.g. {@code PRIVATE=2, STATUS=1}, in {@link Refusal} order. */
    private static String refusals(Map<String, Long> byReason) {
        StringJoiner counted = new StringJoiner(", ");
        for (Refusal reason : Refusal.values()) {
            long count = byReason.getOrDefault(reason.name(), 0L);
            if (count > 0) {
                counted.add(reason.name() + "=" + count);
            }
        }
        return counted.toString();
    }

    private static String cell(String name, long value) {
        return "<td class=\"" + name + "\">" + value + "</td>";
    }

    private static String cell(String name, OptionalLong value) {
        return "<td class=\"" + name + "\">" + (value.isPresent() ? Long.toString(value.getAsLong()) : "n/a")
                + "</td>";
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
