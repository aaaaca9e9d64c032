$version: "2.0"

// A tiny awsJson1_1 service shaped like the EMR API (service ElasticMapReduce, errors InvalidRequestException and
// InternalServerError), for the X-Amz-Target router and per-service error names.

namespace io.emrys.test.awsjson

use aws.protocols#awsJson1_1

@awsJson1_1
service ElasticMapReduce {
    version: "2009-03-31"
    operations: [RunJobFlow, ListClusters, DescribeCluster]
}

operation RunJobFlow {
    input := {
        @required
        Name: String
    }
    output := {
        JobFlowId: String
    }
    errors: [InternalServerError]
}

@readonly
operation ListClusters {
    input := {
        Marker: String
    }
    output := {
        Clusters: ClusterList
    }
    errors: [InternalServerException, InvalidRequestException]
}

@readonly
operation DescribeCluster {
    input := {
        @required
        ClusterId: String
    }
    output := {}
    errors: [InternalServerException, InvalidRequestException]
}

list ClusterList {
    member: String
}

@error("server")
structure InternalServerError {}

@error("server")
structure InternalServerException {
    Message: String
}

@error("client")
structure InvalidRequestException {
    ErrorCode: String
    Message: String
}
