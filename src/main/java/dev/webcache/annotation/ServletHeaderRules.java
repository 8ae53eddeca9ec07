package dev.webcache.annotation;

import dev.webcache.http.VaryHeaders;
import dev.webcache.headers.ResponseHeaders;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The header annotations of one servlet class, resolved once per HTTP method. For each annotation type the nearest
 * declaration wins: the {@code doXxx} method serving the request method (HEAD falls back to {@code doGet} when
 * {@code doHead} is not overridden, as {@link HttpServlet} does), then {@code service}, then the class (inherited from
 * superclasses). {@link CacheControl} and {@link NeverCache} count as one type, since both decide
 * {@code Cache-Control}.
 */
final class ServletHeaderRules {
    private static final Map<String, String> HANDLERS = Map.of("GET", "doGet", "HEAD", "doHead", "POST", "doPost",
            "PUT", "doPut", "DELETE", "doDelete", "OPTIONS", "doOptions", "TRACE", "doTrace");

    private final Map<String, HeaderPatch> byMethod;
    private final HeaderPatch otherMethods;

    private ServletHeaderRules(Map<String, HeaderPatch> byMethod, HeaderPatch otherMethods) {
        this.byMethod = byMethod;
        this.otherMethods = otherMethods;
    }

    /**
     * The rules of a servlet class, or {@code null} when it has no header annotation at all.
     *
     * @throws IllegalArgumentException naming the element, when an annotation is invalid
     */
    static ServletHeaderRules of(Class<?> servletClass) {
        List<AnnotatedElement> service = new ArrayList<>();
        addDeclared(service, servletClass, "service", HttpServletRequest.class, HttpServletResponse.class);
        addDeclared(service, servletClass, "service", ServletRequest.class, ServletResponse.class);
        Map<String, List<AnnotatedElement>> levels = new HashMap<>();
        boolean annotated = isAnnotated(servletClass) || service.stream().anyMatch(ServletHeaderRules::isAnnotated);
        for (Map.Entry<String, String> handler : HANDLERS.entrySet()) {
            List<AnnotatedElement> chain = new ArrayList<>();
            addDeclared(chain, servletClass, handler.getValue(), HttpServletRequest.class, HttpServletResponse.class);
            if (chain.isEmpty() && handler.getKey().equals("HEAD")) {
                addDeclared(chain, servletClass, "doGet", HttpServletRequest.class, HttpServletResponse.class);
            }
            annotated |= chain.stream().anyMatch(ServletHeaderRules::isAnnotated);
            chain.addAll(service);
            chain.add(servletClass);
            levels.put(handler.getKey(), chain);
        }
        if (!annotated) {
            return null;
        }
        // validate every annotated element, also those that a nearer declaration hides
        levels.values().stream().flatMap(List::stream).distinct().forEach(element -> patch(List.of(element)));
        List<AnnotatedElement> otherChain = new ArrayList<>(service);
        otherChain.add(servletClass);
        Map<String, HeaderPatch> byMethod = new HashMap<>();
        levels.forEach((method, chain) -> byMethod.put(method, patch(chain)));
        return new ServletHeaderRules(Map.copyOf(byMethod), patch(otherChain));
    }

    /** The patch for a request method; {@link HeaderPatch#NONE} when nothing applies. */
    HeaderPatch forMethod(String method) {
        return byMethod.getOrDefault(method, otherMethods);
    }

    private static HeaderPatch patch(List<AnnotatedElement> chain) {
        dev.webcache.http.CacheControl cacheControl = dev.webcache.http.CacheControl.EMPTY;
        boolean expiresNow = false;
        for (AnnotatedElement element : chain) {
            CacheControl annotation = element.getAnnotation(CacheControl.class);
            boolean never = element.isAnnotationPresent(NeverCache.class);
            if (annotation != null && never) {
                throw new IllegalArgumentException(describe(element)
                        + ": @CacheControl and @NeverCache both decide Cache-Control; keep one");
            }
            if (annotation != null || never) {
                cacheControl = never ? ResponseHeaders.NEVER_CACHE : directives(annotation, element);
                expiresNow = never;
                break;
            }
        }
        VaryHeaders vary = VaryHeaders.NONE;
        VaryOnHeaders onHeaders = nearest(chain, VaryOnHeaders.class);
        if (onHeaders != null) {
            if (onHeaders.value().length == 0) {
                throw new IllegalArgumentException(describe(chain, VaryOnHeaders.class)
                        + ": @VaryOnHeaders names no header");
            }
            try {
                vary = vary.plus(List.of(onHeaders.value()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe(chain, VaryOnHeaders.class) + ": @VaryOnHeaders "
                        + e.getMessage(), e);
            }
        }
        if (nearest(chain, VaryOnCookie.class) != null) {
            vary = vary.plus(List.of("Cookie"));
        }
        return cacheControl.isEmpty() && vary.isEmpty() ? HeaderPatch.NONE
                : new HeaderPatch(cacheControl, expiresNow, vary);
    }

    private static dev.webcache.http.CacheControl directives(CacheControl a, AnnotatedElement element) {
        if (a.isPrivate() && a.isPublic()) {
            throw new IllegalArgumentException(describe(element)
                    + ": @CacheControl cannot be both isPrivate and isPublic");
        }
        dev.webcache.http.CacheControl.Builder b = dev.webcache.http.CacheControl.builder();
        seconds(element, "maxAge", a.maxAge(), b::maxAge);
        seconds(element, "sMaxAge", a.sMaxAge(), b::sMaxAge);
        if (a.isPrivate()) {
            b.cachePrivate();
        }
        if (a.isPublic()) {
            b.cachePublic();
        }
        if (a.noCache()) {
            b.noCache();
        }
        if (a.noStore()) {
            b.noStore();
        }
        if (a.mustRevalidate()) {
            b.mustRevalidate();
        }
        if (a.proxyRevalidate()) {
            b.proxyRevalidate();
        }
        if (a.noTransform()) {
            b.noTransform();
        }
        if (a.immutable()) {
            b.immutable();
        }
        seconds(element, "staleWhileRevalidate", a.staleWhileRevalidate(), b::staleWhileRevalidate);
        seconds(element, "staleIfError", a.staleIfError(), b::staleIfError);
        dev.webcache.http.CacheControl built = b.build();
        if (built.isEmpty()) {
            throw new IllegalArgumentException(describe(element) + ": @CacheControl sets no directive");
        }
        return built;
    }

    private static void seconds(AnnotatedElement element, String attribute, long value,
            LongFunction<?> setter) {
        if (value < -1) {
            throw new IllegalArgumentException(describe(element) + ": @CacheControl " + attribute + " = " + value
                    + " is not allowed (seconds >= 0, or -1 for not set)");
        }
        if (value >= 0) {
            setter.apply(value);
        }
    }

    private static <A extends Annotation> A nearest(List<AnnotatedElement> chain, Class<A> type) {
        for (AnnotatedElement element : chain) {
            A annotation = element.getAnnotation(type);
            if (annotation != null) {
                return annotation;
            }
        }
        return null;
    }

    private static String describe(List<AnnotatedElement> chain, Class<? extends Annotation> type) {
        return chain.stream().filter(e -> e.isAnnotationPresent(type)).findFirst().map(ServletHeaderRules::describe)
                .orElse("?");
    }

    private static boolean isAnnotated(AnnotatedElement element) {
        return element.isAnnotationPresent(CacheControl.class) || element.isAnnotationPresent(NeverCache.class)
                || element.isAnnotationPresent(VaryOnHeaders.class) || element.isAnnotationPresent(VaryOnCookie.class);
    }

    /** Adds the most derived declaration of the method below {@link HttpServlet} and {@link GenericServlet}. */
    private static void addDeclared(List<AnnotatedElement> into, Class<?> servletClass, String name,
            Class<?>... parameterTypes) {
        for (Class<?> c = servletClass; c != null && c != HttpServlet.class && c != GenericServlet.class
                && c != Object.class; c = c.getSuperclass()) {
            try {
                into.add(c.getDeclaredMethod(name, parameterTypes));
                return;
            } catch (NoSuchMethodException e) {
                // declared higher up, or not at all
            }
        }
    }

    private static String describe(AnnotatedElement element) {
        if (element instanceof Method method) {
            return method.getDeclaringClass().getName() + "." + method.getName();
        }
        return ((Class<?>) element).getName();
    }
}
