/**
 * The page layer between the servlet adapters ({@code filter}, {@code annotation}, {@code web}) and the servlet-free
 * core: {@link dev.webcache.page.ResponseHeaders}, Django's {@code django.utils.cache} header helpers on an
 * {@code HttpServletResponse}, and RFC 9110 conditional request evaluation on an {@code HttpServletRequest}.
 */
package dev.webcache.page;
