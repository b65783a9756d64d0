using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

// LbTools.DuckDbRun <query.sql> <out.csv>
// Runs every statement of the SQL file on an in-memory DuckDB (so a file may create views and
// then select) and writes the last result set as CSV: a header row, fields quoted as RFC 4180
// asks (only when they hold a comma, a quote or a line break), NULL as an empty field,
// timestamps the way DuckDB prints them ("2024-05-01 22:00:00.123"), doubles in their shortest
// round-trip form. Relative paths inside the SQL resolve against the current directory.
// Exit codes: 0 written, 1 the query failed (DuckDB's message on stderr), 2 usage.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: LbTools.DuckDbRun <query.sql> <out.csv>");
    return 2;
}

string sql;
try
{
    sql = File.ReadAllText(args[0]);
}
catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{args[0]}: {ex.Message}");
    return 2;
}

try
{
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    string? csv = null;
    do
    {
        if (reader.FieldCount > 0)
        {
            csv = Csv.Write(reader);
        }
    }
    while (reader.NextResult());

    if (csv == null)
    {
        Console.Error.WriteLine($"{args[0]}: no statement returned rows.");
        return 1;
    }

    File.WriteAllText(args[1], csv, new UTF8Encoding(false));
    return 0;
}
catch (DuckDBException ex)
{
    Console.Error.WriteLine($"{args[0]}: {ex.Message}");
    return 1;
}

internal static class Csv
{
    public static string Write(System.Data.Common.DbDataReader reader)
    {
        var text = new StringBuilder();
        for (int i = 0; i < reader.FieldCount; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(Quote(reader.GetName(i)));
        }

        text.Append("\r\n");
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++)
            {
                text.Append(i == 0 ? string.Empty : ",").Append(reader.IsDBNull(i) ? string.Empty : Quote(Cell(reader.GetValue(i))));
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    private static string Cell(object value) => value switch
    {
        DateTime time => Timestamp(time),
        DateTimeOffset offset => Timestamp(offset.UtcDateTime),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    // DuckDB prints a TIMESTAMP with microseconds, trailing zeros dropped, and no fraction when it is zero.
    private static string Timestamp(DateTime time)
    {
        string text = time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        long micros = (time.Ticks % TimeSpan.TicksPerSecond) / 10;
        return micros == 0 ? text : text + "." + micros.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    private static string Quote(string field) =>
        field.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
