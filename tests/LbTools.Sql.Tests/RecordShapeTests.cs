using LbTools.Core.Logs;
using LbTools.Core.Queries;

namespace LbTools.Sql.Tests;

/// <summary>lb_records has every canonical column for every provider; RecordShape says which carry values.</summary>
public sealed class RecordShapeTests
{
    [Theory]
    [MemberData(nameof(ExampleEquivalenceTests.Examples), MemberType = typeof(ExampleEquivalenceTests))]
    public void The_DuckDB_view_has_the_canonical_columns_then_the_vendor_columns(LbProvider provider, string folder)
    {
        var text = QueryWriter.Write(new QueryRequest { Engine = QueryEngine.DuckDb, Provider = provider, Kind = QueryKind.Table, Paths = ExampleEquivalenceTests.Files(folder) }).Text;
        var columns = DuckDb.Script(text, "DESCRIBE lb_records").Select(r => (string)r["column_name"]!).ToArray();
        var shape = RecordShape.For(provider);
        Assert.Equal(RecordShape.CanonicalColumns.Concat(shape.VendorColumns), columns);
        Assert.All(shape.VendorColumns, c => Assert.True(shape.Has(c)));
    }

    [Fact]
    public void Header_time_is_known_for_AWS_balancers_only()
    {
        Assert.True(RecordShape.For(LbProvider.AwsAlb).Has("upstream_header_time"));
        Assert.True(RecordShape.For(LbProvider.AwsClb).Has("upstream_header_time"));
        Assert.False(RecordShape.For(LbProvider.CloudFront).Has("upstream_header_time"));
        Assert.False(RecordShape.For(LbProvider.AlibabaAlb).Has("upstream_header_time"));
        Assert.True(RecordShape.For(LbProvider.AlibabaAlb).Has("upstream_response_time"));
        Assert.False(RecordShape.For(LbProvider.AwsAlb).Has("rtt"));
    }

    [Fact]
    public void Vendor_columns_follow_the_naming_rule()
    {
        var alb = RecordShape.For(LbProvider.AwsAlb);
        Assert.True(alb.Has("v_actions_executed"));
        Assert.True(alb.Has("v_target_port"));
        Assert.True(alb.Has("v_target_port_list"));
        Assert.True(alb.Has("v_error_reason"));
        Assert.False(alb.Has("v_target:port"));
        Assert.True(RecordShape.For(LbProvider.CloudFront).Has("v_x_edge_detailed_result_type"));
        Assert.True(RecordShape.For(LbProvider.CloudFront).Has("v_cs_host_"));
        Assert.True(RecordShape.For(LbProvider.AlibabaAlb).Has("v___time__"));
        Assert.Equal("v_alicloud_alb_trace", LogTable.VendorColumn("ALICLOUD-ALB-TRACE"));
    }

    [Fact]
    public void Nginx_has_a_shape_for_the_rules_but_no_SQL_table()
    {
        Assert.True(RecordShape.For(LbProvider.Nginx).Has("upstream_header_time"));
        Assert.Empty(RecordShape.For(LbProvider.Nginx).VendorColumns);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogTable.For(LbProvider.Nginx));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordShape.For(LbProvider.Unknown));
    }

    [Fact]
    public void The_ALB_example_values_follow_the_parser_NULL_rules()
    {
        // examples/logs/aws-alb/prod-web_node-b.log.gz, first line: "0.001 -1 -1 502 -" with target 10.0.3.21:8080.
        var text = QueryWriter.Write(new QueryRequest { Engine = QueryEngine.DuckDb, Provider = LbProvider.AwsAlb, Kind = QueryKind.Table, Paths = ExampleEquivalenceTests.Files("aws-alb") }).Text;
        var row = Assert.Single(DuckDb.Script(text, "SELECT * FROM lb_records WHERE time = TIMESTAMP '2026-11-21 03:30:01.220114'"));
        Assert.Equal(502, row["status"]);
        Assert.Null(row["upstream_status"]);
        Assert.Null(row["request_time"]);
        Assert.Null(row["upstream_header_time"]);
        Assert.Equal("10.0.3.21:8080", row["upstream"]);
        Assert.Equal("GET", row["method"]);
        Assert.Equal("/api/cart", row["path"]);
        Assert.Null(row["query"]);
        Assert.Equal("shop.example.com", row["host"]);
        Assert.Equal("HTTP/1.1", row["protocol"]);
        Assert.Equal("203.0.113.51", row["client_address"]);
        Assert.Equal("forward", row["v_actions_executed"]);
        Assert.Null(row["v_redirect_url"]);
    }

    [Fact]
    public void A_request_line_without_a_path_gives_a_host_and_no_path()
    {
        // examples/logs/aws-alb: the 400 line's request is "- http://myalb-...:80- -" (RequestLine: host, no path).
        var text = QueryWriter.Write(new QueryRequest { Engine = QueryEngine.DuckDb, Provider = LbProvider.AwsAlb, Kind = QueryKind.Table, Paths = ExampleEquivalenceTests.Files("aws-alb") }).Text;
        var row = Assert.Single(DuckDb.Script(text, "SELECT * FROM lb_records WHERE status = 400"));
        Assert.Null(row["method"]);
        Assert.Null(row["path"]);
        Assert.Null(row["protocol"]);
        Assert.Equal("myalb1-878688131.us-east-1.elb.amazonaws.com", row["host"]);
    }
}
