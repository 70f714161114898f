package procos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:256C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0 100 0 0 10 0
               1: 00000000:C567 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1002 1 0 100 0 0 10 0
               2: 0100007F:256C 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 1003 1 0 20 4 30 10 -1
            """;

    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue
               0: 00000000000000000000000001000000:26D7 00000000000000000000000000000000:0000 0A 00000000:00000000
               1: 0000000000000000FFFF00000100007F:26D7 00000000000000000000000000000000:0000 0A 00000000:00000000
            """;

    @Test
    void readsTheListeningAddressesOfAPortInTheKernelsByteOrder() throws Exception {
        List<InetAddress> http = ListeningSockets.parse(TCP.lines().toList(), 0x256C);

        assertThat(http).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(ListeningSockets.loopbackOnly(http)).isTrue();
    }

    @Test
    void aWildcardBindIsNotLoopback() {
        List<InetAddress> grpc = ListeningSockets.parse(TCP.lines().toList(), 0xC567);

        assertThat(grpc).extracting(InetAddress::getHostAddress).containsExactly("0.0.0.0");
        assertThat(ListeningSockets.loopbackOnly(grpc)).isFalse();
    }

    @Test
    void ipv6LoopbackAndMappedIpv4LoopbackAreLoopback() {
        List<InetAddress> https = ListeningSockets.parse(TCP6.lines().toList(), 0x26D7);

        assertThat(https).extracting(InetAddress::getHostAddress).containsExactly("0:0:0:0:0:0:0:1", "127.0.0.1");
        assertThat(ListeningSockets.loopbackOnly(https)).isTrue();
    }

    @Test
    void nothingListeningIsNotLoopbackOnly() {
        assertThat(ListeningSockets.loopbackOnly(ListeningSockets.parse(TCP.lines().toList(), 80))).isFalse();
    }
}
