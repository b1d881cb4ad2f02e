/**
 * Customer-lifetime-value models for non-contractual repeat business (service visits, purchases):
 * the BG/NBD model of how often a customer buys and whether they are still "alive", and the
 * Gamma-Gamma model of how much they spend per transaction.
 *
 * <p>Flow: {@link org.retentionwarehouse.scoring.clv.TransactionLogReader} streams a delimited
 * transaction log into {@link org.retentionwarehouse.scoring.clv.PurchaseHistories};
 * {@link org.retentionwarehouse.scoring.clv.RfmSummary} condenses each customer to
 * (frequency x, recency t<sub>x</sub>, age T, mean repeat spend m<sub>x</sub>) for a calibration
 * period; {@link org.retentionwarehouse.scoring.clv.BgNbdModel} and
 * {@link org.retentionwarehouse.scoring.clv.GammaGammaModel} are fitted by maximum likelihood and
 * combined by {@link org.retentionwarehouse.scoring.clv.CustomerLifetimeValue}.
 * {@link org.retentionwarehouse.scoring.clv.ClvFit} runs the whole fit for the CLI.
 *
 * <p>References:
 * <ul>
 *   <li>Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "Counting Your Customers the Easy Way:
 *       An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284 ("FHL 2005").</li>
 *   <li>Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2008), "Computing P(alive) Using the BG/NBD
 *       Model", note at brucehardie.com/notes/021.</li>
 *   <li>Fader, P. S. and Hardie, B. G. S. (2013), "The Gamma-Gamma Model of Monetary Value", note
 *       at brucehardie.com/notes/025.</li>
 * </ul>
 *
 * <p>Validated against the published CDNOW figures: the conventions of {@link
 * org.retentionwarehouse.scoring.clv.RfmSummary} reproduce FHL 2005's BG/NBD estimates and the
 * 2013 note's Gamma-Gamma estimates from the raw CDNOW sample file.
 */
package org.retentionwarehouse.scoring.clv;
