/**
 * The JSP tag library {@code dev.webcache.tags} (conventional prefix {@code cache}): {@code <cache:fragment>}
 * (Django's {@code {% cache %}}), {@code <cache:icache>} (django-icache's token-versioned fragments),
 * {@link dev.webcache.taglib.FragmentKeys} for invalidating fragments from Java, and the EL functions
 * {@code cache:fragmentKey} and {@code cache:tokenSum}.
 */
package dev.webcache.taglib;
