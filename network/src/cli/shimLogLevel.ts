/**
 * fabric-shim and fabric-contract-api log every transaction at info level unless told
 * otherwise; the embedded peer keeps them to warnings. Imported first, before either loads,
 * because they read the level once at load time.
 */
process.env['CORE_CHAINCODE_LOGGING_LEVEL'] ??= 'warning';
