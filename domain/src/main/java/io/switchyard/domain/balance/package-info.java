/**
 * Server selection (spec: balancing.md §2.1–2.8, §2.10, §2.11): the per-child runtime state that
 * survives configuration swaps ({@link io.switchyard.domain.balance.MemberState}), the children of
 * one balancer ({@link io.switchyard.domain.balance.Member}), the balancing algorithms behind
 * {@link io.switchyard.domain.balance.Balancer} (EDF weighted round robin, power of two choices,
 * highest random weight, least time), the passive health-check bookkeeping
 * ({@link io.switchyard.domain.balance.PassiveHealth}) and failover status ranges
 * ({@link io.switchyard.domain.balance.StatusRanges}).
 *
 * <p>Pure and deterministic: randomness is injected as a {@link java.util.random.RandomGenerator}
 * and time is passed in as nanosecond arguments; nothing here reads a clock.
 */
package io.switchyard.domain.balance;
