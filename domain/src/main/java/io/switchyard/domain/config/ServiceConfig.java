package io.switchyard.domain.config;

/**
 * A service: exactly one of a servers load balancer, a weighted set of services, a mirroring, a
 * failover or a highest-random-weight set of services (spec: translation.md §1.6, §1.11).
 */
public sealed interface ServiceConfig
        permits LoadBalancerService, WeightedService, MirroringService, FailoverService,
                HighestRandomWeightService {
}
