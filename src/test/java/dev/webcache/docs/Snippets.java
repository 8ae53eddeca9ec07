package dev.webcache.docs;

import dev.webcache.cache.CacheStatistics;
import dev.webcache.cache.Caches;
import dev.webcache.memo.MemoIterator;
import dev.webcache.memo.MemoOptions;
import dev.webcache.memo.Memoizer;
import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import dev.webcache.page.Refusal;
import dev.webcache.taglib.FragmentKeys;
import dev.webcache.tokens.TokenCounters;
import jakarta.servlet.ServletContext;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/** The documentation's code samples that are not whole classes, each run by {@code DocSamplesTest}. */
final class Snippets {
    /** A user of the sidebar sample. */
    record User(long id) {
        long getId() {
            return id;
        }
    }

    /** A row of the memoization sample. */
    record Row(int number) implements Serializable {
    }

    /** The rows' source of the memoization sample. */
    interface Database {
        Iterator<Row> streamRows();
    }

    /** Where the memoization sample writes rows. */
    static final class RowWriter {
        final List<Row> written = new ArrayList<>();

        void write(Row row) {
            written.add(row);
        }
    }

    private Snippets() {
    }

    static void forgetSidebar(ServletContext servletContext, User user) {
        // doc:fragment-keys
        Caches caches = Caches.from(servletContext);
        caches.get("template_fragments").delete(FragmentKeys.of("sidebar", user.getId(), "en"));
        // FragmentKeys.of("foo", "abc") -> "template.cache.foo.493e283d571a73056196f1a68efd0f66" (Django's own vector)
        // end:fragment-keys
    }

    static void moviesChanged(ServletContext servletContext) {
        // doc:token-incr
        TokenCounters.of(Caches.from(servletContext).getDefault()).incr("movies");
        // end:token-incr
    }

    static Report buildReport(String month) {
        return new Report(month, month.length());
    }

    static List<Row> loadAllRows() {
        return List.of(new Row(1), new Row(2));
    }

    /** Returns the report, the rows and what the export wrote. */
    static List<Object> memoize(Caches caches, String month, Database db, RowWriter out) {
        // doc:memoize
        Memoizer memo = Memoizer.of(caches.getDefault());                     // or Memoizer.of(cache, contextPath)

        Report report = memo.memoize("report:" + month, () -> buildReport(month));          // 30 days by default

        List<Row> rows = memo.memoize("rows:all", Snippets::loadAllRows,
                MemoOptions.defaults().largeData(true)                        // chunked, zlib-compressed
                        .expiration(Duration.ofHours(1))
                        .lock(Duration.ofSeconds(10), Duration.ofSeconds(60)));  // one caller computes, others wait

        try (MemoIterator<Row> it = memo.memoizeIter("rows:export", () -> db.streamRows(),
                MemoOptions.defaults().encrypt(true))) {                      // items as they are produced
            it.forEachRemaining(out::write);
        }
        // or as a Stream: memo.memoizeStream(key, items, options) (closing the stream closes the iterator)
        // end:memoize
        return List.of(report, rows, out.written);
    }

    /** Returns the figures the statistics sample reads. */
    static List<Object> statistics(Caches caches, ServletContext servletContext) {
        // doc:statistics
        CacheStatistics statistics = caches.get("default").statistics();
        long hitRatioPercent = statistics.gets() == 0 ? 0 : 100 * statistics.hits() / statistics.gets();
        OptionalLong entries = statistics.entries();                 // empty where the backend cannot tell

        PageCacheStatistics pages = PageCache.from(servletContext).statistics();   // summed over its configurations
        long bypasses = pages.bypasses();
        long tooLarge = pages.refusals(Refusal.TOO_LARGE);
        // end:statistics
        return List.of(hitRatioPercent, entries, bypasses, tooLarge);
    }
}
