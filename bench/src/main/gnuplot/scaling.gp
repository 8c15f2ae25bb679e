# Throughput of Get (ours) and GET (Redis) by connection count; run by scripts/bench with datadir and outdir set.
set terminal png size 800,480
set output outdir.'/scaling.png'
set title 'Get throughput by connections, 16-byte values, same machine'
set xlabel 'connections'
set ylabel 'requests per second'
set logscale x
set key left top
set grid
set yrange [0:*]
plot datadir.'/scaling.dat' using 1:2 with linespoints lw 2 title 'DHT node (ours)', \
     datadir.'/scaling.dat' using 1:3 with linespoints lw 2 title 'Redis'
