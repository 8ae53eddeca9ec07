package dev.webcache.docs;

import java.io.Serializable;

/** A value the documentation's samples cache. */
public record Report(String month, long total) implements Serializable {
}
