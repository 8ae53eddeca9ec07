/**
 * Django's header helpers ({@code django.utils.cache}) on servlet responses: {@link
 * dev.webcache.headers.ResponseHeaders} patches {@code Cache-Control}, {@code Vary} and {@code Expires} and evaluates
 * a request's preconditions, with the servlet-free values of {@code dev.webcache.http}.
 */
package dev.webcache.headers;
