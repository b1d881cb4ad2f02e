package org.retentionwarehouse.scoring.clv;

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 &lt;= z &lt; 1, by its power series
 * Σ (a)<sub>k</sub>(b)<sub>k</sub> / ((c)<sub>k</sub> k!) z<sup>k</sup>. The BG/NBD predictions only
 * need z = t/(α+T+t) in [0, 1), where the series converges geometrically at rate z; horizons of a
 * few years put z well below 0.95, a few hundred terms.
 */
final class GaussHypergeometric {

    private static final double RELATIVE_TOLERANCE = 1e-15;
    private static final int MAX_TERMS = 10_000_000;

    private GaussHypergeometric() {
    }

    /**
     * @throws IllegalArgumentException if z is outside [0, 1)
     * @throws ArithmeticException      if c is a non-positive integer the series reaches, or the
     *                                  series does not converge within its term budget
     */
    static double value(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 needs 0 <= z < 1, got " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            if (c + k == 0) {
                throw new ArithmeticException("2F1 undefined for c = " + c);
            }
            double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            term *= ratio;
            sum += term;
            // Term ratios tend to z, from whichever side; once below 1, the tail after this term
            // is at most |term| q / (1 - q) with q the larger of the current ratio and z.
            double q = Math.max(Math.abs(ratio), z);
            if (term == 0 || q < 1 && Math.abs(term) * q <= RELATIVE_TOLERANCE * Math.abs(sum) * (1 - q)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }
}
