// Readiness probe for kafka.sh: exits 0 once the broker at argv[2] answers a metadata request
// (describeCluster) and lists at least one broker; exits 1 otherwise. Uses the workspace's kafkajs.
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const kafka = new Kafka({
    clientId: 'crm-kafka-probe',
    brokers: [process.argv[2]],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no brokers registered yet');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(String(error && error.message ? error.message : error));
    process.exit(1);
  },
);
