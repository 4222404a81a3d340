package dev.pharos.contracts;

/** The verdict of one check. */
public enum Outcome {
    UP,
    DOWN
}
