globalThis.__BUILD_MANIFEST = {
  "pages": {
    "/_app": []
  },
  "devFiles": [],
  "polyfillFiles": [
    "static/chunks/0cz1d0mv5g_q7.js"
  ],
  "lowPriorityFiles": [
    "static/EKGKODkfRRdthchYejNVH/_buildManifest.js",
    "static/EKGKODkfRRdthchYejNVH/_ssgManifest.js",
    "static/EKGKODkfRRdthchYejNVH/_clientMiddlewareManifest.js"
  ],
  "rootMainFiles": [
    "static/chunks/0uyl-6artxdov.js",
    "static/chunks/3f59deov-4q1z.js",
    "static/chunks/3l6_9zknbrs9d.js",
    "static/chunks/turbopack-2lihmh2pdnr2x.js"
  ],
  "rootMainFilesTree": {},
  "pagesChunkGroupBootstrapParams": {
    "/page": {
      "otherChunks": [
        "static/chunks/0uyl-6artxdov.js",
        "static/chunks/3f59deov-4q1z.js",
        "static/chunks/3l6_9zknbrs9d.js"
      ],
      "runtimeModuleIds": [
        94553
      ]
    },
    "/_not-found/page": {
      "otherChunks": [
        "static/chunks/0uyl-6artxdov.js",
        "static/chunks/3f59deov-4q1z.js",
        "static/chunks/3l6_9zknbrs9d.js"
      ],
      "runtimeModuleIds": [
        94553
      ]
    },
    "/_global-error/page": {
      "otherChunks": [
        "static/chunks/0uyl-6artxdov.js",
        "static/chunks/3f59deov-4q1z.js",
        "static/chunks/3l6_9zknbrs9d.js"
      ],
      "runtimeModuleIds": [
        94553
      ]
    }
  },
  "chunkLoadingGlobal": "TURBOPACK"
};
