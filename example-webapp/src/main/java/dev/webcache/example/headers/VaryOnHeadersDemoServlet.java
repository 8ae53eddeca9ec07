package dev.webcache.example.headers;

import dev.webcache.annotation.CacheControl;
import dev.webcache.annotation.VaryOnHeaders;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code @VaryOnHeaders}: the greeting depends on {@code Accept-Language}, so caches keep one copy per language. */
@WebServlet("/headers/vary-on-headers")
@VaryOnHeaders("Accept-Language")
@CacheControl(maxAge = 300, isPublic = true)
public class VaryOnHeadersDemoServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String language = request.getLocale().getLanguage();
        String greeting = switch (language) {
            case "fr" -> "Bonjour";
            case "de" -> "Guten Tag";
            case "zh" -> "你好";
            default -> "Hello";
        };
        HeaderDemoPage.write(request, response, "@VaryOnHeaders",
                "@VaryOnHeaders(\"Accept-Language\") @CacheControl(maxAge = 300, isPublic = true)",
                greeting + "! (your Accept-Language asks for '" + HeaderDemoPage.escape(language) + "')");
    }
}
