'use strict';
// The schemas' 64-bit fields (epoch seconds, block numbers, log sizes) decode as JavaScript
// numbers, exact below 2^53, as the generated types declare. protobufjs decodes them as Long
// objects whenever the `long` package is installed, so Long support is switched off before the
// generated code loads. This affects only this copy of protobufjs/minimal.
const protobuf = require('protobufjs/minimal');
protobuf.util.Long = undefined;
protobuf.configure();

module.exports = require('./generated/suitrust.js');
