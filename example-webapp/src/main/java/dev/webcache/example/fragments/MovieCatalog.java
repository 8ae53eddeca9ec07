package dev.webcache.example.fragments;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fragment-cache example's "database": a list of movie titles whose every read is slow and counted, published
 * to the pages as the application attribute {@value #ATTRIBUTE}.
 */
@WebListener
public class MovieCatalog implements ServletContextListener {
    /** The application attribute the pages read the catalog from. */
    public static final String ATTRIBUTE = "movieCatalog";
    private static final long QUERY_MILLIS = 200;

    private final List<String> titles = new CopyOnWriteArrayList<>(List.of("Casablanca", "Metropolis", "Rashomon"));
    private final AtomicLong queries = new AtomicLong();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().setAttribute(ATTRIBUTE, this);
    }

    /** The titles, after a query that takes a while: what the cached fragment saves. */
    public List<String> getTitles() throws InterruptedException {
        queries.incrementAndGet();
        Thread.sleep(QUERY_MILLIS);
        return List.copyOf(titles);
    }

    /** How many times the titles were queried. */
    public long getQueries() {
        return queries.get();
    }

    void add(String title) {
        titles.add(title);
    }
}
