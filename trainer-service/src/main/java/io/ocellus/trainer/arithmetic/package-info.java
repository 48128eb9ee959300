/**
 * The trainer proves its arithmetic before it trains: {@link io.ocellus.trainer.arithmetic.TorchSelfTest} checks
 * every operator family against the float64 reference, {@link io.ocellus.trainer.arithmetic.ArithmeticGuard} runs
 * it at start-up and before each job, and turns oneDNN off where oneDNN is what computes wrong.
 */
package io.ocellus.trainer.arithmetic;
