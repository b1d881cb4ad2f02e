package org.retentionwarehouse.pipeline.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.retentionwarehouse.ingest.delivery.DeliveryFinder;
import org.retentionwarehouse.pipeline.batch.ExitCode;
import org.retentionwarehouse.warehouse.config.DataHome;
import org.retentionwarehouse.warehouse.config.RetentionSettings;
import org.retentionwarehouse.warehouse.config.Store;
import org.retentionwarehouse.warehouse.config.StoreRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code retention extracts}: whether every store's delivery for a date is in the inbox. Schedulers
 * poll it before the night starts; it starts no Spark and touches no table.
 */
@Command(name = "extracts", mixinStandardHelpOptions = true,
        description = "Check that every store of conf/stores.yaml has a delivery folder inbox/<store>/<date>"
                + " holding an extract (and the file ingest.delivery_marker names, when one is set).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every store has delivered", "1:some store has not delivered yet; check again later",
            "2:bad configuration, named on the one error line"})
public final class ExtractsCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "Delivery date")
    LocalDate date;

    @Override
    public Integer call() {
        DataHome dataHome = home.dataHome();
        StoreRegistry registry = StoreRegistry.load(dataHome.storesFile());
        DeliveryFinder finder = new DeliveryFinder(dataHome, registry, RetentionSettings.load(dataHome).ingest().deliveryMarker());
        List<String> missing = registry.stores().stream().map(Store::id).filter(id -> !finder.delivered(id, date)).toList();
        if (missing.isEmpty()) {
            System.out.println(date + ": every store has delivered");
            return ExitCode.DONE.code();
        }
        System.out.println(date + ": not delivered yet: " + String.join(" ", missing));
        return ExitCode.FAILED.code();
    }
}
