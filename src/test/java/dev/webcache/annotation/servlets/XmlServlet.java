package dev.webcache.annotation.servlets;

import dev.webcache.annotation.CacheControl;
import dev.webcache.annotation.VaryOnHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Declared in web.xml; ends its responses in the ways that commit them early or replace them. */
@CacheControl(maxAge = 120, mustRevalidate = true)
@VaryOnHeaders({"Accept-Encoding", "X-Variant", "accept-encoding"})
public class XmlServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mode = request.getParameter("mode");
        response.setHeader("Vary", "User-Agent");
        switch (mode == null ? "" : mode) {
            case "error" -> response.sendError(404);
            case "redirect" -> response.sendRedirect("/elsewhere");
            case "flush" -> {
                response.addHeader("Cache-Control", "no-transform");
                response.flushBuffer();
                response.addHeader("Vary", "Too-Late");
                response.getWriter().print("flushed");
            }
            case "reset" -> {
                response.setHeader("Cache-Control", "private");
                response.reset();
                response.getWriter().print("reset");
            }
            default -> response.getWriter().print("ok");
        }
    }
}
