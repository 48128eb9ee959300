/**
 * Proof that a native runtime computes right on this CPU: a plain-Java float64 reference of every operator
 * Ocellus' nets use (forward and backward), the comparison of a runtime's results against it, and the report a
 * service shows before it trains or serves. Native kernels are chosen by CPU at run time, so a result that is
 * right on one machine says nothing about the next; these checks run on the machine itself.
 */
package io.ocellus.vision.arithmetic;
