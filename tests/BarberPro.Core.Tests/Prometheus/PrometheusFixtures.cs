namespace BarberPro.Core.Tests.Prometheus;

/// <summary>Answers as Prometheus 2.x/3.x sends them (shapes from the HTTP API documentation and captured servers).</summary>
internal static class PrometheusFixtures
{
    // 2025-11-23T04:33:20.123Z
    public const long SampleUnixMilliseconds = 1_763_872_400_123;

    public const string Vector = """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"code":"200","job":"barberpro","method":"GET"},"value":[1763872400.123,"8512.4"]},
          {"metric":{"code":"500","job":"barberpro","method":"GET"},"value":[1763872400.123,"0.85"]}
        ]}}
        """;

    public const string SingleValueVector = """
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1763872400.123,"0.0427"]}]}}
        """;

    public const string EmptyVector = """
        {"status":"success","data":{"resultType":"vector","result":[]}}
        """;

    public const string EmptyMatrix = """
        {"status":"success","data":{"resultType":"matrix","result":[]}}
        """;

    public const string Matrix = """
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"city":"Buenos Aires"},"values":[[1763872380,"0.031"],[1763872395,"0.029"],[1763872410,"NaN"]]},
          {"metric":{"city":"Córdoba"},"values":[[1763872380,"0.054"],[1763872395,"0.061"],[1763872410,"0.058"]]}
        ]}}
        """;

    public const string Scalar = """
        {"status":"success","data":{"resultType":"scalar","result":[1763872400.123,"0.999"]}}
        """;

    public const string String = """
        {"status":"success","data":{"resultType":"string","result":[1763872400.123,"barberpro \"live\""]}}
        """;

    public const string SpecialValues = """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"v":"nan"},"value":[1763872400,"NaN"]},
          {"metric":{"v":"pinf"},"value":[1763872400,"+Inf"]},
          {"metric":{"v":"ninf"},"value":[1763872400,"-Inf"]},
          {"metric":{"v":"exp"},"value":[1763872400,"1e+00"]},
          {"metric":{"v":"neg"},"value":[1763872400,"-0.5"]},
          {"metric":{"v":"big"},"value":[1763872400,"1.7976931348623157e+308"]}
        ]}}
        """;

    public const string WithWarnings = """
        {"status":"success","data":{"resultType":"vector","result":[]},
         "warnings":["remote read 'thanos-store' failed: partial data returned"],
         "infos":["PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"pg_up\" (1:6)"]}
        """;

    public const string NativeHistogramVector = """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"job":"barberpro"},"histogram":[1763872400,{"count":"10","sum":"1.5","buckets":[[0,"-0.001","0.001","2"]]}]},
          {"metric":{"job":"barberpro","le":"0.1"},"value":[1763872400,"7"]}
        ]}}
        """;

    public const string BadData = """
        {"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:22: parse error: unexpected \"}\" in label matching, expected string"}
        """;

    public const string Execution = """
        {"status":"error","errorType":"execution","error":"found duplicate series for the match group {instance=\"10.0.0.7:8080\"} on the right hand-side of the operation: [{__name__=\"up\", job=\"barberpro\"}, {__name__=\"up\", job=\"node\"}];many-to-many matching not allowed: matching labels must be unique on one side"}
        """;

    public const string Unavailable = """
        {"status":"error","errorType":"unavailable","error":"TSDB not ready"}
        """;

    public const string QueryTimeout = """
        {"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}
        """;

    public const string Internal = """
        {"status":"error","errorType":"internal","error":"expanding series: context deadline exceeded"}
        """;

    public const string StatusErrorWith200 = """
        {"status":"error","errorType":"bad_data","error":"unknown function \"rte\""}
        """;

    public const string HtmlBadGateway = """
        <html>
        <head><title>502 Bad Gateway</title></head>
        <body>
        <center><h1>502 Bad Gateway</h1></center>
        <hr><center>nginx/1.25.3</center>
        </body>
        </html>
        """;

    public const string HtmlLoginPage = """
        <!DOCTYPE html><html><head><title>Sign in - oauth2-proxy</title></head><body><form method="post"></form></body></html>
        """;

    public const string TruncatedJson = """
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"barberpro"},"value":[1763872400.123,"85
        """;

    public const string UnknownResultType = """
        {"status":"success","data":{"resultType":"histogram","result":[]}}
        """;

    public const string NonNumericValue = """
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1763872400,"fast"]}]}}
        """;

    public const string SampleNotPair = """
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":["1763872400"]}]}}
        """;

    public const string Alerts = """
        {"status":"success","data":{"alerts":[
          {"labels":{"alertname":"HighResponseTime","job":"barberpro","severity":"warning"},
           "annotations":{"summary":"p95 latency above 100 ms","description":"p95 is 0.143 s"},
           "state":"firing","activeAt":"2025-11-23T04:20:11.123456789Z","value":"1.43e-01"},
          {"labels":{"alertname":"DatabaseConnectionFailure","severity":"critical"},
           "annotations":{"summary":"PostgreSQL exporter cannot reach the database"},
           "state":"pending","activeAt":"2025-11-23T01:32:40.5-03:00","value":"0e+00"}
        ]}}
        """;

    public const string NoAlerts = """
        {"status":"success","data":{"alerts":[]}}
        """;

    public const string BuildInfo = """
        {"status":"success","data":{"version":"2.42.0","revision":"225c61122d88b01d1f0eaaee0e05b6f3e0567ac0","branch":"HEAD","buildUser":"root@4b8b2e4f7d0b","buildDate":"20230201-12:02:11","goVersion":"go1.19.5"}}
        """;
}
