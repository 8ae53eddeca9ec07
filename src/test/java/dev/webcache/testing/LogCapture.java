package dev.webcache.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what one logger logs while it is open: {@code try (LogCapture log = LogCapture.of("name")) { ... }}. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previousLevel;

    private LogCapture(String loggerName, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        logger.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, Level.DEBUG);
    }

    public static LogCapture of(Class<?> loggerClass) {
        return of(loggerClass.getName());
    }

    /** The formatted messages logged at {@code level} or above. */
    public List<String> messages(Level level) {
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The formatted messages logged at WARN or above. */
    public List<String> warnings() {
        return messages(Level.WARN);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
    }
}
