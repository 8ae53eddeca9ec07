package org.example.gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for a deserialization gadget: a serializable class outside webcache's allow-list whose {@code readObject}
 * would run attacker-chosen code. Here it only counts how often it was brought to life by deserialization.
 */
public final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How many times {@code readObject} ran. */
    public static final AtomicInteger DESERIALIZED = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        DESERIALIZED.incrementAndGet();
    }
}
