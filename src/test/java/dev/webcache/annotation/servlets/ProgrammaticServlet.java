package dev.webcache.annotation.servlets;

import dev.webcache.annotation.CacheControl;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Added with {@code ServletContext.addServlet(name, Class)}; annotated on {@code service}; a 1 MiB text body. */
public class ProgrammaticServlet extends HttpServlet {
    @Override
    @CacheControl(sMaxAge = 60, staleWhileRevalidate = 30)
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; charset=UTF-8");
        Bodies.writeChars(response, Bodies.MIB);
    }
}
