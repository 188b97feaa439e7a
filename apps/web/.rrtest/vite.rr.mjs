export default {
  build: {
    lib: { entry: process.env.E, formats: ['es'], fileName: 'out' },
    rollupOptions: { external: ['react', 'react-dom', 'react/jsx-runtime'] },
    outDir: '/tmp/fastload/rr-' + process.env.N,
    emptyOutDir: true,
    minify: true,
  },
  logLevel: 'silent',
};
