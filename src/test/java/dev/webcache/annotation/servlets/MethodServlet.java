package dev.webcache.annotation.servlets;

import dev.webcache.annotation.CacheControl;
import dev.webcache.annotation.NeverCache;
import dev.webcache.annotation.VaryOnCookie;
import dev.webcache.annotation.VaryOnHeaders;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Declared by {@code @WebServlet}, annotated on the class and on {@code doGet}: for GET (and HEAD) the method's
 * {@code @NeverCache} wins over the class's {@code @CacheControl}; the class's {@code @VaryOnCookie} still applies.
 */
@WebServlet("/method")
@CacheControl(maxAge = 600, isPublic = true)
@VaryOnCookie
public class MethodServlet extends HttpServlet {
    @Override
    @NeverCache
    @VaryOnHeaders("Accept-Language")
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Vary", "Accept-Encoding");
        response.setContentType("application/octet-stream");
        Bodies.writeBytes(response, Bodies.MIB);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("posted");
    }
}
