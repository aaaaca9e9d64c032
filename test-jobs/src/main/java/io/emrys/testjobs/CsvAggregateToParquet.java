package io.emrys.testjobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Reads a CSV file with a header, groups by one column and writes the sum and count per group as Parquet.
 * Arguments: input URI, output URI, and optionally the grouping column (default {@code category}) and the
 * column to sum (default {@code amount}). URIs may be local paths, {@code s3://} or {@code s3a://}.
 *
 * <p>With the flag {@value #READ_BACK} (anywhere among the arguments) it then reads the Parquet output back with
 * {@code spark.read().parquet(output)} and prints one line, {@code CsvAggregateToParquet read back: groups=G rows=R
 * total=T}: the output's row count, the sum of its {@code rows} column (the input rows) and of its {@code total}
 * column, so that a caller (the benchmark harness) can tell a complete result from a broken one.
 */
public final class CsvAggregateToParquet
{
    public static final String READ_BACK = "--read-back";
    public static final String READ_BACK_LINE = "CsvAggregateToParquet read back:";

    private CsvAggregateToParquet() {}

    public static void main(String[] arguments)
    {
        List<String> args = new ArrayList<>(List.of(arguments));
        boolean readBack = args.removeIf(READ_BACK::equals);
        if (args.size() < 2) {
            throw new IllegalArgumentException("usage: CsvAggregateToParquet <input-csv-uri> <output-uri> [group-column] [sum-column] [" + READ_BACK + "]");
        }
        String input = args.get(0);
        String output = args.get(1);
        String groupColumn = args.size() > 2 ? args.get(2) : "category";
        String sumColumn = args.size() > 3 ? args.get(3) : "amount";

        SparkSession spark = SparkSession.builder().appName("emrys-csv-aggregate").getOrCreate();
        try {
            Dataset<Row> rows = spark.read()
                    .option("header", "true")
                    .option("inferSchema", "true")
                    .csv(input);
            Dataset<Row> aggregated = rows.groupBy(col(groupColumn))
                    .agg(sum(col(sumColumn)).as("total"), count(lit(1)).as("rows"));
            aggregated.write().mode(SaveMode.Overwrite).parquet(output);
            System.out.println("CsvAggregateToParquet wrote " + aggregated.count() + " groups to " + output);
            if (readBack) {
                Row summary = spark.read().parquet(output).agg(count(lit(1)), sum(col("rows")), sum(col("total"))).first();
                System.out.println(READ_BACK_LINE + " groups=" + summary.get(0) + " rows=" + summary.get(1) + " total=" + summary.get(2));
            }
        }
        finally {
            spark.stop();
        }
    }
}
