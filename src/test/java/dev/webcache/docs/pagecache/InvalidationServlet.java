package dev.webcache.docs.pagecache;

import dev.webcache.page.PageCache;
import dev.webcache.page.PageCacheStatistics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The invalidation and statistics sample of docs/page-cache.md, on POST. */
public class InvalidationServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // doc:page-cache-api
        PageCache pages = PageCache.from(getServletContext());            // cache "default", key prefix ""
        PageCache site = PageCache.from(getServletContext(), "pages", "site");
        pages.invalidate(request, request.getContextPath() + "/news");   // every Vary variant of /news, this host
        pages.invalidate("https://example.com/news?page=2");             // an absolute URL as clients request it
        site.clear();                                                     // cache.clear(): the whole store
        PageCacheStatistics stats = pages.statistics();                   // summed over every filter using it
        // end:page-cache-api
        response.getWriter().print("hits=" + stats.hits());
    }
}
