// A schema that cannot be used: the build must fail, naming the place (tests/examples/webpack.test.mjs).
import broken from '../broken.schema.json?validator';

broken.validate({});
