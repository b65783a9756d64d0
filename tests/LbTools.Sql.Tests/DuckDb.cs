using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

namespace LbTools.Sql.Tests;

/// <summary>Runs SQL on an embedded in-memory DuckDB and returns the rows by column name.</summary>
internal static class DuckDb
{
    public static List<Dictionary<string, object?>> Query(string sql) => Script(string.Empty, sql);

    /// <summary>Runs each statement of <paramref name="script"/> (split at ";\n") on one connection, then returns the rows of <paramref name="last"/>.</summary>
    public static List<Dictionary<string, object?>> Script(string script, string last)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var statement in script.Split(";\n", StringSplitOptions.RemoveEmptyEntries).Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            using var setup = connection.CreateCommand();
            setup.CommandText = statement;
            setup.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = last;
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (int i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static int? Int(object? value) => value == null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    /// <summary>A DuckDB TIMESTAMP (a DateTime without kind) as the UTC instant it holds.</summary>
    public static DateTimeOffset? Time(object? value) => value switch
    {
        null => null,
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException($"not a timestamp: {value.GetType()}"),
    };
}
