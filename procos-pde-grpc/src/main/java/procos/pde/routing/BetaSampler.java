package procos.pde.routing;

import java.util.random.RandomGenerator;

/**
 * Draws from Beta(alpha, beta) as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta); gamma draws
 * by Marsaglia and Tsang's method. The JDK has no Beta distribution, and this is the textbook way to
 * get one from uniform and normal draws. Given a seeded generator, the draws are reproducible.
 */
final class BetaSampler {

    private final RandomGenerator random;

    BetaSampler(RandomGenerator random) {
        this.random = random;
    }

    /** A draw from Beta(alpha, beta); both must be positive. */
    double sample(double alpha, double beta) {
        double x = gamma(alpha);
        double y = gamma(beta);
        return x / (x + y);
    }

    private double gamma(double shape) {
        if (shape < 1) {
            // Gamma(a) = Gamma(a + 1) · U^(1/a): the method itself needs a shape of at least 1.
            return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = Math.pow(1 + c * z, 3);
            if (v <= 0) {
                continue;
            }
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
