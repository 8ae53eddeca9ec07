package dev.webcache.annotation;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the class of a registered servlet so its annotations can be read, however the servlet was declared. */
final class ServletClasses {
    private static final Logger LOG = LoggerFactory.getLogger(ServletClasses.class);

    private ServletClasses() {
    }

    /** The servlet's class, or {@code null} when the registration names none or it cannot be loaded. */
    static Class<?> load(ServletContext context, ServletRegistration registration) {
        String className = registration.getClassName();
        if (className == null) {
            return null;
        }
        try {
            return Class.forName(className, false, context.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug("webcache: cannot read the annotations of servlet '{}' ({})", registration.getName(),
                    e.toString());
            return null;
        }
    }
}
