/** Model servers serve only on arithmetic that passed its self-test on this CPU. */
package io.ocellus.serving.arithmetic;
