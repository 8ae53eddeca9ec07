package dev.webcache.filter;

/** The filler {@link dev.webcache.page.PageServlet} appends, for comparing bodies byte for byte. */
final class PageServletFiller {
    private PageServletFiller() {
    }

    static String of(int size) {
        StringBuilder filler = new StringBuilder(size);
        for (int i = 0; filler.length() < size; i++) {
            filler.append((char) ('a' + i % 26));
            if (i % 64 == 63) {
                filler.append('\n');
            }
        }
        filler.setLength(size);
        return filler.toString();
    }
}
