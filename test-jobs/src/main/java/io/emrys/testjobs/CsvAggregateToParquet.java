package io.emrys.testjobs;

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
 */
public final class CsvAggregateToParquet
{
    private CsvAggregateToParquet() {}

    public static void main(String[] args)
    {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: CsvAggregateToParquet <input-csv-uri> <output-uri> [group-column] [sum-column]");
        }
        String input = args[0];
        String output = args[1];
        String groupColumn = args.length > 2 ? args[2] : "category";
        String sumColumn = args.length > 3 ? args[3] : "amount";

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
        }
        finally {
            spark.stop();
        }
    }
}
