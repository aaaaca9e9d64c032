package io.emrys.testjobs;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Uses Spark 4 features as shipped: the VARIANT type ({@code parse_json}, {@code variant_get}) and SQL scripting
 * (a compound statement with a variable and a loop). Fails with a clear exception if either gives a wrong answer.
 */
public final class SparkFourFeatures
{
    private SparkFourFeatures() {}

    public static void main(String[] args)
    {
        SparkSession spark = SparkSession.builder().appName("emrys-spark4-features").getOrCreate();
        try {
            Row variant = spark.sql("SELECT variant_get(parse_json('{\"order\": {\"items\": [3, 4]}}'), '$.order.items[1]', 'int') AS item").first();
            check(variant.getInt(0) == 4, "VARIANT: expected 4, got " + variant.get(0));

            List<Row> scripted = spark.sql("""
                    BEGIN
                      DECLARE total INT DEFAULT 0;
                      DECLARE i INT DEFAULT 1;
                      WHILE i <= 4 DO
                        SET total = total + i;
                        SET i = i + 1;
                      END WHILE;
                      SELECT total;
                    END
                    """).collectAsList();
            check(scripted.size() == 1 && scripted.get(0).getInt(0) == 10, "SQL scripting: expected 10, got " + scripted);
            System.out.println("Spark 4 features work: variant item " + variant.getInt(0) + ", scripted total " + scripted.get(0).getInt(0));
        }
        finally {
            spark.stop();
        }
    }

    private static void check(boolean condition, String message)
    {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
