package org.retentionwarehouse.scoring.clv;

import java.util.Arrays;

/**
 * Quasi-Newton (BFGS) minimisation with a backtracking Armijo line search, for the models'
 * negative log-likelihoods in log-parameter space (Nocedal &amp; Wright, Numerical Optimization,
 * 2nd ed., algorithm 6.1). Written here rather than borrowed because the line search must treat a
 * non-finite objective (a trial point where a log-gamma or a log overflows) as "step too long" and
 * back off, and because each step is capped so a single iteration cannot jump to parameters many
 * orders of magnitude away.
 */
final class BfgsMinimizer {

    /** A smooth function with its gradient. */
    interface Objective {
        /**
         * @param x        the point
         * @param gradient filled with the gradient at {@code x}
         * @return the value at {@code x}; NaN or infinite where undefined
         */
        double value(double[] x, double[] gradient);
    }

    // Objectives are per-customer means, of order 1. The remaining error in a log-parameter is about
    // gradient / smallest Hessian eigenvalue, and that eigenvalue is 3e-3 for BG/NBD on the CDNOW
    // sample (1e-2 for Gamma-Gamma): 1e-9 leaves under 1e-6, the stalled 1e-6 below under 0.05%.
    private static final double GRADIENT_TOLERANCE = 1e-9;
    // Near the optimum, rounding in sums over thousands of customers leaves a gradient of about 1e-9
    // that no step can lower; when the line search stalls there, accept a point this close to stationary.
    private static final double STALLED_GRADIENT_TOLERANCE = 1e-6;
    private static final double MAX_STEP = 2.0;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 60;
    private static final int MAX_ITERATIONS = 1000;

    private BfgsMinimizer() {
    }

    /**
     * {@code objective} plus {@code penalty} × Σ u<sub>i</sub>², the L2 penalty on log-parameters.
     * On a flat ridge (BG/NBD's a and b, or Gamma-Gamma's q and γ, growing together without end on
     * a small or degenerate sample) the likelihood keeps rising by ever smaller steps and the
     * minimiser never stops; the penalty gives the ridge a bottom, at a cost to a well-posed fit
     * of about {@code 2 penalty u / curvature} in each log-parameter.
     */
    static Objective penalized(Objective objective, double penalty) {
        if (penalty == 0) {
            return objective;
        }
        return (x, gradient) -> {
            double value = objective.value(x, gradient);
            for (int i = 0; i < x.length; i++) {
                value += penalty * x[i] * x[i];
                gradient[i] += 2 * penalty * x[i];
            }
            return value;
        };
    }

    /**
     * @param what names the model in error messages
     * @return the minimising point
     * @throws IllegalArgumentException if the objective is undefined at {@code start}
     * @throws IllegalStateException    if no stationary point is reached
     */
    static double[] minimize(Objective objective, double[] start, String what) {
        int n = start.length;
        double[] x = start.clone();
        double[] gradient = new double[n];
        double value = objective.value(x, gradient);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + ": likelihood undefined at the starting point");
        }
        double[][] inverseHessian = identity(n);
        boolean fresh = true;
        double[] trial = new double[n];
        double[] trialGradient = new double[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (maxAbs(gradient) <= GRADIENT_TOLERANCE) {
                return x;
            }
            double[] direction = times(inverseHessian, gradient);
            double slope = -dot(gradient, direction);
            if (slope >= 0) {
                // Curvature information went bad: restart from steepest descent.
                inverseHessian = identity(n);
                fresh = true;
                direction = gradient.clone();
                slope = -dot(gradient, gradient);
            }
            double step = Math.min(1, MAX_STEP / maxAbs(direction));
            double trialValue = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS && !accepted; halving++, step /= 2) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] - step * direction[i];
                }
                trialValue = objective.value(trial, trialGradient);
                // Strictly lower: at the rounding floor a step too small to move x must not count as progress.
                accepted = trialValue < value && trialValue <= value + ARMIJO * step * slope;
            }
            if (!accepted) {
                if (maxAbs(gradient) <= STALLED_GRADIENT_TOLERANCE) {
                    return x;
                }
                if (fresh) {
                    break;
                }
                inverseHessian = identity(n);
                fresh = true;
                continue;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - gradient[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                if (fresh) {
                    // Scale the first approximation to the observed curvature (Nocedal & Wright eq. 6.20).
                    scale(inverseHessian, sy / dot(y, y));
                    fresh = false;
                }
                update(inverseHessian, s, y, sy);
            }
            System.arraycopy(trial, 0, x, 0, n);
            System.arraycopy(trialGradient, 0, gradient, 0, n);
            value = trialValue;
        }
        throw new IllegalStateException(what + ": maximum likelihood did not converge (largest gradient "
                + maxAbs(gradient) + " at log-parameters " + Arrays.toString(x) + ")");
    }

    /** H += (1 + y'Hy/sy) ss'/sy - (Hy s' + s y'H)/sy, the BFGS update of the inverse Hessian. */
    private static void update(double[][] h, double[] s, double[] y, double sy) {
        double[] hy = times(h, y);
        double factor = (1 + dot(y, hy) / sy) / sy;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                h[i][j] += factor * s[i] * s[j] - (hy[i] * s[j] + s[i] * hy[j]) / sy;
            }
        }
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static void scale(double[][] m, double factor) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    private static double[] times(double[][] m, double[] v) {
        double[] result = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            result[i] = dot(m[i], v);
        }
        return result;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        return max;
    }
}
