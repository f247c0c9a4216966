module.exports=[2320,a=>{"use strict";a.s([])}];

//# sourceMappingURL=_next-internal_server_app__not-found_page_actions_mjs_1ghl5fbynabiq._.js.map