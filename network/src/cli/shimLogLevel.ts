/**
 * fabric-shim and fabric-contract-api log every transaction at info level, and every refusal
 * (a chaincode error the gateway answers as a 4xx problem and logs itself) as two error lines.
 * The embedded peer keeps them quiet unless CORE_CHAINCODE_LOGGING_LEVEL says otherwise
 * (`warning`, `info`, `debug`). Imported first, before either loads: they read the level once.
 */
process.env['CORE_CHAINCODE_LOGGING_LEVEL'] ??= 'critical';
